//! End-to-end tests of the command line: they run the built binary as a user would.
