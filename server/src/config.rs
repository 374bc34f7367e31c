//! Configuration from flags and environment (flags win).

use std::net::SocketAddr;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "renkei",
    version,
    about = "Renkei: the survey of Japan's IT-based regional healthcare networks"
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address to serve on. Defaults to cargo-leptos' LEPTOS_SITE_ADDR, then 127.0.0.1:3000.
    #[arg(long, env = "RENKEI_BIND", global = true)]
    pub bind: Option<SocketAddr>,
    /// `sqlite://path/to/file.db` (created if absent) or `postgres://user@host/db`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,
    /// Log filter, e.g. `info` or `server=debug,tower_http=debug`.
    #[arg(long, env = "RENKEI_LOG", default_value = "info", global = true)]
    pub log: String,
    /// `text` for people, `json` (one object per line) for a log collector.
    #[arg(
        long,
        env = "RENKEI_LOG_FORMAT",
        value_enum,
        default_value_t,
        global = true
    )]
    pub log_format: crate::logging::LogFormat,
    /// Public chart values computed over fewer networks than this are suppressed.
    #[arg(long, env = "RENKEI_MIN_GROUP", default_value_t = charts::DEFAULT_MIN_GROUP, global = true)]
    pub min_group: usize,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/renkei.db";

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Serve the site (the default).
    Serve,
    /// Administer an installation.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Write the compressed copies of the built files now (a production server otherwise
    /// writes them in the background when it starts).
    Precompress,
}

#[derive(Debug, Clone, Subcommand)]
pub enum AdminCommand {
    /// Create a staff account. The password is read from standard input, or generated and printed.
    CreateStaff {
        #[arg(long)]
        login: String,
        /// Read the password from the first line of standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Create a respondent account for existing networks (until the staff console issues them).
    CreateRespondent {
        #[arg(long)]
        login: String,
        /// The report number (別添1 No.) of a network this respondent answers for; repeatable.
        #[arg(long = "network", required_unless_present = "network_ids")]
        networks: Vec<i64>,
        /// The id of a network this respondent answers for (networks registered or asked
        /// after the report have no report number); repeatable.
        #[arg(long = "network-id")]
        network_ids: Vec<i64>,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Load the bundled 2012 dataset again (it is loaded into every new database).
    #[command(name = "import-2012")]
    Import2012,
    /// Write the whole database to a new file while the server runs (SQLite: a copy;
    /// PostgreSQL: pg_dump's custom format).
    Backup {
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Replace the database with a backup (stop the server first).
    Restore {
        file: std::path::PathBuf,
        /// Overwrite a database that holds data.
        #[arg(long)]
        replace: bool,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_commands_are_spelled_as_the_readme_says() {
        let cli = Cli::try_parse_from(["renkei", "admin", "import-2012"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Admin(AdminCommand::Import2012))
        ));
        let cli = Cli::try_parse_from(["renkei", "admin", "backup", "--out", "b.db"]).unwrap();
        assert!(
            matches!(cli.command, Some(Command::Admin(AdminCommand::Backup { out })) if out.as_os_str() == "b.db")
        );
        let cli = Cli::try_parse_from(["renkei", "admin", "restore", "b.db", "--replace"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Admin(AdminCommand::Restore { replace: true, .. }))
        ));
    }

    #[test]
    fn defaults_to_sqlite_and_serving() {
        let cli = Cli::try_parse_from(["renkei"]).unwrap();
        assert_eq!(cli.config.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(cli.config.bind, None);
        assert!(cli.command.is_none());
    }

    #[test]
    fn flags_set_address_database_and_log() {
        let cli = Cli::try_parse_from([
            "renkei",
            "--bind",
            "0.0.0.0:8080",
            "--database-url",
            "postgres://postgres@127.0.0.1/test",
            "--log",
            "debug",
        ])
        .unwrap();
        assert_eq!(cli.config.bind, Some("0.0.0.0:8080".parse().unwrap()));
        assert_eq!(
            cli.config.database_url,
            "postgres://postgres@127.0.0.1/test"
        );
        assert_eq!(cli.config.log, "debug");
    }

    #[test]
    fn admin_commands_parse() {
        let cli =
            Cli::try_parse_from(["renkei", "admin", "create-staff", "--login", "tanaka"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Admin(AdminCommand::CreateStaff { ref login, password_stdin: false })) if login == "tanaka"
        ));
        let cli = Cli::try_parse_from([
            "renkei",
            "admin",
            "create-respondent",
            "--login",
            "r1",
            "--network",
            "4",
            "--network",
            "7",
        ])
        .unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Admin(AdminCommand::CreateRespondent { ref networks, .. })) if networks == &vec![4, 7]
        ));
        // A network without a report number is named by its id; one of the two is required.
        let by_id = Cli::try_parse_from([
            "renkei",
            "admin",
            "create-respondent",
            "--login",
            "r2",
            "--network-id",
            "160",
        ])
        .unwrap();
        assert!(matches!(
            by_id.command,
            Some(Command::Admin(AdminCommand::CreateRespondent { ref network_ids, ref networks, .. }))
                if network_ids == &vec![160] && networks.is_empty()
        ));
        assert!(
            Cli::try_parse_from(["renkei", "admin", "create-respondent", "--login", "r3"]).is_err()
        );
    }

    #[test]
    fn precompress_is_a_command_of_its_own() {
        assert!(matches!(
            Cli::try_parse_from(["renkei", "precompress"])
                .unwrap()
                .command,
            Some(Command::Precompress)
        ));
    }

    #[test]
    fn rejects_a_bad_address() {
        assert!(Cli::try_parse_from(["renkei", "--bind", "not-an-address"]).is_err());
    }
}
