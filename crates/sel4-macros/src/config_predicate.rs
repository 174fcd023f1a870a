// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Kernel configuration predicates, the argument of `#[sel4::cfg(...)]`:
// `debug_build`, `max_num_nodes = "1"`, `all(...)`, `any(...)`, `not(...)`.
// A predicate is checked against the known options (a misspelt name is a
// compile error, not a silently false cfg), translated into a `cfg` over
// the `sel4_config_*` cfgs for the seL4 build, and evaluated against
// devkernel's configuration for the host build, which has no kernel cfgs.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use sel4_launcher::kernel_config::{self, KernelConfig, Kind};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitStr, Token};

/// A parsed predicate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Predicate {
    /// A switch is on (`debug_build`) or an option has a value
    /// (`max_num_nodes = "1"`); the name is the option's, upper-case.
    Option { name: String, value: Option<String> },
    /// Every predicate holds (`all()` holds).
    All(Vec<Predicate>),
    /// Some predicate holds (`any()` does not).
    Any(Vec<Predicate>),
    /// The predicate does not hold.
    Not(Box<Predicate>),
}

impl Parse for Predicate {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let ident: Ident = input.parse()?;
        let word = ident.to_string();
        if input.peek(syn::token::Paren) && matches!(word.as_str(), "all" | "any" | "not") {
            let content;
            syn::parenthesized!(content in input);
            let inner = Punctuated::<Predicate, Token![,]>::parse_terminated(&content)?;
            let mut inner: Vec<Predicate> = inner.into_iter().collect();
            return match word.as_str() {
                "all" => Ok(Predicate::All(inner)),
                "any" => Ok(Predicate::Any(inner)),
                _ if inner.len() == 1 => Ok(Predicate::Not(Box::new(inner.remove(0)))),
                _ => Err(syn::Error::new(ident.span(), "`not` takes exactly one predicate")),
            };
        }
        let name = word.to_ascii_uppercase();
        let Some(kind) = kernel_config::kind_of(&name) else {
            let known: Vec<String> =
                kernel_config::OPTIONS.iter().map(|(name, _, _)| name.to_ascii_lowercase()).collect();
            return Err(syn::Error::new(
                ident.span(),
                format!(
                    "`{word}` is not an seL4 configuration option sel4 knows; known: {}",
                    known.join(", ")
                ),
            ));
        };
        let value = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            let value: LitStr = input.parse()?;
            if kind == Kind::Bool {
                return Err(syn::Error::new(
                    value.span(),
                    format!("`{word}` is a switch: write `{word}` or `not({word})`, without a value"),
                ));
            }
            Some(value.value())
        } else {
            if kind == Kind::Text {
                return Err(syn::Error::new(
                    ident.span(),
                    format!("`{word}` has a value: write `{word} = \"...\"`"),
                ));
            }
            None
        };
        Ok(Predicate::Option { name, value })
    }
}

impl Predicate {
    /// The predicate as a `cfg` over the `sel4_config_*` cfgs.
    pub(crate) fn to_cfg(&self) -> TokenStream {
        match self {
            Predicate::Option { name, value: None } => {
                let cfg = format_ident!("{}", kernel_config::cfg_name(name));
                quote!(#cfg)
            }
            Predicate::Option { name, value: Some(value) } => {
                let cfg = format_ident!("{}", kernel_config::cfg_name(name));
                let value = LitStr::new(value, Span::call_site());
                quote!(#cfg = #value)
            }
            Predicate::All(inner) => {
                let inner = inner.iter().map(Predicate::to_cfg);
                quote!(all(#(#inner),*))
            }
            Predicate::Any(inner) => {
                let inner = inner.iter().map(Predicate::to_cfg);
                quote!(any(#(#inner),*))
            }
            Predicate::Not(inner) => {
                let inner = inner.to_cfg();
                quote!(not(#inner))
            }
        }
    }

    /// Whether the predicate holds for `config`.
    pub(crate) fn holds(&self, config: &KernelConfig) -> bool {
        match self {
            Predicate::Option { name, value } => config.holds(name, value.as_deref()),
            Predicate::All(inner) => inner.iter().all(|predicate| predicate.holds(config)),
            Predicate::Any(inner) => inner.iter().any(|predicate| predicate.holds(config)),
            Predicate::Not(inner) => !inner.holds(config),
        }
    }
}

/// The call of `::sel4::__cfg!` that keeps `item` when `predicate` holds:
/// by `cfg` in the seL4 build, by devkernel's configuration in the host
/// build.
pub(crate) fn guarded(predicate: &Predicate, item: TokenStream) -> TokenStream {
    let cfg = predicate.to_cfg();
    let host = predicate.holds(&KernelConfig::devkernel());
    quote!(::sel4::__cfg! { (#cfg) (#host) #item })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Predicate, String> {
        syn::parse_str::<Predicate>(text).map_err(|error| error.to_string())
    }

    #[test]
    fn translates_to_sel4_config_cfgs() {
        let predicate = parse("all(debug_build, not(kernel_mcs), max_num_nodes = \"1\")").unwrap();
        assert_eq!(
            predicate.to_cfg().to_string(),
            "all (sel4_config_debug_build , not (sel4_config_kernel_mcs) , sel4_config_max_num_nodes = \"1\")"
        );
        assert!(predicate.holds(&KernelConfig::devkernel()));
        assert!(!parse("any(kernel_mcs, iommu)").unwrap().holds(&KernelConfig::devkernel()));
        assert!(parse("PRINTING").unwrap().holds(&KernelConfig::devkernel()));
    }

    #[test]
    fn refuses_unknown_names_and_misused_kinds() {
        assert!(parse("debug_buld")
            .unwrap_err()
            .starts_with("`debug_buld` is not an seL4 configuration option"));
        assert!(parse("printing = \"1\"").unwrap_err().contains("is a switch"));
        assert!(parse("max_num_nodes").unwrap_err().contains("has a value"));
        assert!(parse("not(printing, debug_build)").unwrap_err().contains("exactly one"));
    }

    #[test]
    fn guarded_items_carry_both_answers() {
        let item: TokenStream = "fn f() {}".parse().unwrap();
        let tokens = guarded(&parse("kernel_mcs").unwrap(), item).to_string();
        assert_eq!(tokens, ":: sel4 :: __cfg ! { (sel4_config_kernel_mcs) (false) fn f () { } }");
    }
}
