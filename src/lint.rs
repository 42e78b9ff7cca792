//! Lint rules: findings about documents that parse but may still be wrong.
