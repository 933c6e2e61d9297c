//! A declaration helper for stateless strategies: the type, its classifier and its rule in one
//! place, so that each family file reads as a list of rules.

/// Declares a stateless strategy type with the given classifier and choice expression.
macro_rules! stateless {
    ($(#[$meta:meta])* $ty:ident, $class:expr, |$h:ident, $ctx:ident, $rng:ident| $body:expr) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, Default)]
        pub(crate) struct $ty;

        impl $crate::strategy::Strategy for $ty {
            #[allow(unused_variables)]
            fn choose(
                &mut self,
                $h: &$crate::history::History<'_>,
                $ctx: &$crate::strategy::Context,
                $rng: &mut $crate::seed::MatchRng,
            ) -> $crate::action::Action {
                $body
            }

            fn classifier(&self) -> $crate::strategy::Classifier {
                $class
            }
        }
    };
}

pub(crate) use stateless;
