//! The server's log on standard output: readable lines, or for a log collector one JSON object
//! per line (`--log-format json`), filtered by `--log` (`RENKEI_LOG`).

use tracing::Subscriber;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::EnvFilter;

/// How each log line is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// For a person reading a terminal.
    #[default]
    Text,
    /// One JSON object per line: `timestamp`, `level`, `target`, `fields`, and the spans
    /// (a request's method and path) it happened in.
    Json,
}

/// The log, written to `writer`; coloured only for a terminal (`ansi`).
pub fn subscriber<W>(
    format: LogFormat,
    filter: &str,
    writer: W,
    ansi: bool,
) -> anyhow::Result<Box<dyn Subscriber + Send + Sync>>
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let builder = tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_new(filter)?)
        .with_writer(writer)
        .with_ansi(ansi);
    Ok(match format {
        LogFormat::Text => Box::new(builder.finish()),
        LogFormat::Json => Box::new(builder.json().finish()),
    })
}

/// Installs the log for the whole process, on standard output.
pub fn init(format: LogFormat, filter: &str) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    let ansi = std::io::stdout().is_terminal();
    tracing::subscriber::set_global_default(subscriber(format, filter, std::io::stdout, ansi)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// Lines written to memory.
    #[derive(Clone, Default)]
    struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("log buffer").extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn logged(format: LogFormat) -> String {
        let captured = Captured::default();
        let writer = captured.clone();
        let log = subscriber(format, "info", move || writer.clone(), false).unwrap();
        tracing::subscriber::with_default(log, || {
            let span = tracing::info_span!("request", method = "POST", uri = "/api/save_response");
            let _inside = span.enter();
            tracing::info!(network = 4, "saved");
            tracing::debug!("below the filter");
        });
        let bytes = captured.0.lock().unwrap().clone();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn json_logs_are_one_object_per_line_with_fields_and_spans() {
        let text = logged(LogFormat::Json);
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect();
        assert_eq!(lines.len(), 1, "{text}");
        let line = &lines[0];
        assert_eq!(line["level"], "INFO");
        assert_eq!(line["fields"]["message"], "saved");
        assert_eq!(line["fields"]["network"], 4);
        assert_eq!(line["span"]["uri"], "/api/save_response");
        assert!(line["timestamp"].is_string());
    }

    #[test]
    fn text_logs_are_lines_for_people() {
        let text = logged(LogFormat::Text);
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(text.contains("INFO") && text.contains("saved") && text.contains("network=4"));
        assert!(serde_json::from_str::<serde_json::Value>(text.trim()).is_err());
    }
}
