fn main() -> std::process::ExitCode {
    steer::cli::run()
}
