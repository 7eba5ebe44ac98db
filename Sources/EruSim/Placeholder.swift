// Placeholder until the EruSim layer lands.
enum EruSimPlaceholder {}
