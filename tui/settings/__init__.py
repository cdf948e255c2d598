"""The user's settings: where newsprism keeps its files, config.toml, entity corrections."""
