"""Analysis within an agency: predikat distributions and their trend, and fairness (who rates
how). Counts come from SQL in a constant number of statements; readers see what their scopes
let them read, and per-rater figures only for raters with enough ratees."""
