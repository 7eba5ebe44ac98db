// Placeholder until the Curses layer lands.
enum CursesPlaceholder {}
