//! The `gisa` binary: parse the flags, run the command, turn the outcome into an exit code.

fn main() -> std::process::ExitCode {
    gisa::commands::run(gisa::flags::parse())
}
