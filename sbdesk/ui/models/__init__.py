"""Qt item models over the plan: tree, overview, card row lists and the budget grid."""
