"""Custom views: named, versioned, read-only documents an agency admin defines, run as the
caller, with an optional table exported as CSV or XLSX."""
