"""Accounts: people, clinicians and clinics, API tokens, and a person's data as theirs."""
