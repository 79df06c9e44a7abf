"""Built-in exports: the employee list, results, JP compliance, the gap matrix and the
analyses as CSV/XLSX tables, run as the caller through the custom-view machinery (views/)."""
