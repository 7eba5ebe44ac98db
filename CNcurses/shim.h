#ifndef ERUTOP_CNCURSES_SHIM_H
#define ERUTOP_CNCURSES_SHIM_H

// pkg-config's -D_XOPEN_SOURCE is dropped by SwiftPM, so turn the wide-character API on here.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/// stdscr is a mutable C global; Swift 6 rejects reading it directly.
static inline WINDOW *cnc_stdscr(void) { return stdscr; }

#endif
