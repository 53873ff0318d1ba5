//! Errors reading or writing files outside any `.steer` source, worded in
//! one place: each names the operation and the path, carries the stable
//! code `steer::io-error`, and a hint where the cause is a usual one.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// The stable code of every I/O error the command line reports.
pub const IO_ERROR: &str = "io-error";

/// What steer was doing with the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    CreateDirectory,
    Write,
    Rename,
}

/// An I/O error with its operation and path.
#[derive(Debug)]
pub struct IoError {
    pub operation: Operation,
    pub path: PathBuf,
    pub error: io::Error,
    /// The path came from `-o`: the hint can name the option.
    pub from_output_option: bool,
}

impl IoError {
    pub fn new(operation: Operation, path: &Path, error: io::Error) -> Self {
        IoError {
            operation,
            path: path.to_path_buf(),
            error,
            from_output_option: false,
        }
    }

    /// What to do about it, when the cause is a usual one.
    pub fn hint(&self) -> Option<&'static str> {
        match (self.operation, self.error.kind()) {
            (Operation::CreateDirectory, io::ErrorKind::AlreadyExists)
            | (Operation::CreateDirectory, io::ErrorKind::NotADirectory) => {
                Some("`-o` takes a directory (created when missing), or `-o -` for standard output")
            }
            (_, io::ErrorKind::PermissionDenied) if self.from_output_option => Some(
                "choose a directory you can write to with `-o DIR`, or `-o -` for standard output",
            ),
            (_, io::ErrorKind::PermissionDenied) => {
                Some("check the permissions of the directory, or write elsewhere with `-o DIR`")
            }
            _ => None,
        }
    }
}

impl IoError {
    /// `cannot create directory `out`: File exists (os error 17)`.
    pub fn message(&self) -> String {
        let operation = match self.operation {
            Operation::CreateDirectory => "create directory",
            Operation::Write => "write",
            Operation::Rename => "move into place",
        };
        format!(
            "cannot {operation} `{}`: {}",
            self.path.display(),
            self.error
        )
    }
}

impl fmt::Display for IoError {
    /// `steer::io-error: cannot create directory `out`: File exists (os error 17)`
    /// and the hint on a line of its own.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "steer::{IO_ERROR}: {}", self.message())?;
        if let Some(hint) = self.hint() {
            write!(f, "\n  help: {hint}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_operation_the_path_and_the_code_with_a_hint() {
        let e = IoError::new(
            Operation::CreateDirectory,
            Path::new("out/zone"),
            io::Error::from(io::ErrorKind::AlreadyExists),
        );
        let text = e.to_string();
        assert!(text.starts_with("steer::io-error: cannot create directory `out/zone`: "));
        assert!(text.contains("help: `-o` takes a directory"), "{text}");
    }
}
