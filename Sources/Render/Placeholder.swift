// Placeholder until the Render layer lands.
enum RenderPlaceholder {}
