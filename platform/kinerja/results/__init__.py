"""Performance results: ratings and predikat, organisation results, distribution checks,
calibration, release, acknowledgement and the result's explanation."""
