// Placeholder until the Reconcile layer lands.
enum ReconcilePlaceholder {}
