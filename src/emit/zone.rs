//! Zone-file target (being written).
