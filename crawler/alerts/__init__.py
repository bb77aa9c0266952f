"""Alerts: keyword rules and their hits, feeds, deliveries."""
