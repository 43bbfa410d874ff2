//! The network, for public data only and only when the user asks: a `Fetch` over `ureq`.
//! Every request has a timeout and says who is asking (the User-Agent names Rapport).

use std::io::Read;
use std::time::Duration;

use rapport_core::public::{Fetch, FetchError, Reply};

/// What servers see: the program and where to read about it.
pub const USER_AGENT: &str = concat!(
    "Rapport/",
    env!("CARGO_PKG_VERSION"),
    " (relationship manager for community groups; fetches only when its user asks)"
);

/// Answers larger than this are refused: no answer Rapport asks for comes near it.
const LARGEST_ANSWER: u64 = 8 * 1024 * 1024;

pub struct HttpFetch {
    agent: ureq::Agent,
}

impl HttpFetch {
    pub fn new() -> HttpFetch {
        HttpFetch::with_timeout(Duration::from_secs(15))
    }

    /// With a shorter timeout, for tests of a server that does not answer.
    pub fn with_timeout(timeout: Duration) -> HttpFetch {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .timeout_connect(Some(Duration::from_secs(10).min(timeout)))
            .user_agent(USER_AGENT)
            .http_status_as_error(false)
            .build()
            .into();
        HttpFetch { agent }
    }
}

impl Default for HttpFetch {
    fn default() -> Self {
        HttpFetch::new()
    }
}

impl Fetch for HttpFetch {
    fn get(&self, url: &str) -> Result<Reply, FetchError> {
        let mut response = self
            .agent
            .get(url)
            .header("Accept", "application/json")
            .call()
            .map_err(|error| match error {
                ureq::Error::Timeout(_) => FetchError::TimedOut,
                ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => FetchError::Offline,
                ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                    FetchError::TimedOut
                }
                ureq::Error::Io(io)
                    if matches!(
                        io.kind(),
                        std::io::ErrorKind::ConnectionRefused | std::io::ErrorKind::NotConnected
                    ) =>
                {
                    FetchError::Offline
                }
                other => FetchError::Failed(other.to_string()),
            })?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok());
        let mut body = String::new();
        response
            .body_mut()
            .as_reader()
            .take(LARGEST_ANSWER)
            .read_to_string(&mut body)
            .map_err(|e| {
                if e.kind() == std::io::ErrorKind::TimedOut {
                    FetchError::TimedOut
                } else {
                    FetchError::Failed(e.to_string())
                }
            })?;
        Ok(Reply {
            status,
            body,
            retry_after,
        })
    }
}
