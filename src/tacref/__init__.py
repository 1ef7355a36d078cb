"""tacref: an offline patient reference for the drug tacrolimus."""

__version__ = "0.1.0"
