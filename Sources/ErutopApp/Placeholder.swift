// Placeholder until the ErutopApp layer lands.
enum ErutopAppPlaceholder {}
