"""Generated schema validators (scripts/validators.py); see validate._fast_validator."""
