// Placeholder until the GRPCCore layer lands.
enum GRPCCorePlaceholder {}
