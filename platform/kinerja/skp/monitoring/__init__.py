"""Doing and monitoring: realisations with evidence, and continuous feedback on SKPs."""
