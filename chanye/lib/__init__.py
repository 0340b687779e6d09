"""Model-free helpers: no Django import, usable and testable on their own."""
