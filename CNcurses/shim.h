#ifndef ERUTOP_CNCURSES_SHIM_H
#define ERUTOP_CNCURSES_SHIM_H

// pkg-config's -D_XOPEN_SOURCE is dropped by SwiftPM, so turn the wide-character API on here.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <stdbool.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Everything below is a macro, a C global or a libc symbol that Swift cannot reach directly.
// Swift 6 rejects reads of mutable C globals (stdscr, COLORS, COLOR_PAIRS) as not concurrency-safe.

/// stdscr is a mutable C global; Swift 6 rejects reading it directly.
static inline WINDOW *cnc_stdscr(void) { return stdscr; }

/// Number of colours of the current screen (COLORS is a mutable C global).
static inline int cnc_colors(void) { return COLORS; }

/// Number of colour pairs of the current screen (COLOR_PAIRS is a mutable C global).
static inline int cnc_color_pairs(void) { return COLOR_PAIRS; }

/// getmaxy/getmaxx are macros over the WINDOW struct.
static inline int cnc_getmaxy(const WINDOW *win) { return getmaxy(win); }
static inline int cnc_getmaxx(const WINDOW *win) { return getmaxx(win); }

/// getcury/getcurx are macros over the WINDOW struct.
static inline int cnc_getcury(const WINDOW *win) { return getcury(win); }
static inline int cnc_getcurx(const WINDOW *win) { return getcurx(win); }

/// A_BOLD and friends are NCURSES_BITS expressions, which Swift does not import.
static inline attr_t cnc_attributes(bool bold, bool dim, bool reverse, bool underline) {
    attr_t attrs = A_NORMAL;
    if (bold) attrs |= A_BOLD;
    if (dim) attrs |= A_DIM;
    if (reverse) attrs |= A_REVERSE;
    if (underline) attrs |= A_UNDERLINE;
    return attrs;
}

/// Reads the attributes and colour pair of one cell (mvwin_wch + getcchar), for tests.
static inline int cnc_cell_style(WINDOW *win, int row, int col, attr_t *attrs, short *pair) {
    cchar_t cell;
    wchar_t text[CCHARW_MAX + 1];
    if (mvwin_wch(win, row, col, &cell) == ERR) return ERR;
    return getcchar(&cell, text, attrs, pair, NULL);
}

/// Glibc's wcwidth is not visible through Swift's Glibc module.
static inline int cnc_wcwidth(wchar_t c) { return wcwidth(c); }

/// True when LC_CTYPE's codeset is UTF-8 (CODESET comes from an enum Swift sees only partly).
static inline bool cnc_locale_is_utf8(void) { return strcmp(nl_langinfo(CODESET), "UTF-8") == 0; }

/// tigetstr returns (char *)-1 for a name that is not a string capability; fold that into NULL.
static inline const char *cnc_string_capability(const char *name) {
    const char *value = tigetstr(name);
    return value == (const char *)-1 ? NULL : value;
}

/// tiparm is variadic, which Swift cannot call; returns NULL when the terminal lacks `cup`.
static inline const char *cnc_cursor_address(int row, int col) {
    const char *cup = cnc_string_capability("cup");
    return cup == NULL ? NULL : tiparm(cup, row, col);
}

#endif
