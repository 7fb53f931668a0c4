"""Models of the targets app."""
