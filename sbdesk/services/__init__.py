"""Qt-free services over the plan model: the plan file, the store, computations."""
