"""Training, evaluating and storing the learned scorer (no Django models here either)."""
