"""Creating a round."""
