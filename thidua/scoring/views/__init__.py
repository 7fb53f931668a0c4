"""The scoring screens: clusters, the scorecard builder, self-assessment, verification and ranking."""
