//! Server functions, by audience. Each one checks access first, then calls the
//! store and the pure core; the browser sees only the types defined here.

pub mod public;
