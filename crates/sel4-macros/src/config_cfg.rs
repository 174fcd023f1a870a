// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The expansions of `#[sel4::cfg(...)]`, `sel4::cfg_if!` and the internal
// `__config_value!` that defines `sel4::config`'s constants. All three turn
// kernel configuration predicates (see `config_predicate.rs`) into calls of
// `sel4`'s `macro_rules!` macros, which pick the seL4 build's answer (the
// `sel4_config_*` cfgs) or the host build's (devkernel's configuration).

use crate::config_predicate::{guarded, Predicate};
use proc_macro2::TokenStream;
use quote::quote;
use sel4_launcher::kernel_config::{self, KernelConfig, Kind, Value};
use syn::parse::{Parse, ParseStream};
use syn::{Ident, Item, LitInt, Token, Type};

/// Expands `#[sel4::cfg(args)] item`.
pub(crate) fn expand_cfg(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let predicate: Predicate = syn::parse2(args)?;
    Ok(guarded(&predicate, item))
}

/// One branch of `cfg_if!`: its predicate (`None` for `else`) and items.
struct Branch {
    predicate: Option<Predicate>,
    items: Vec<Item>,
}

/// `if #[cfg(p)] { items } else if #[cfg(q)] { items } else { items }`.
struct CfgIf {
    branches: Vec<Branch>,
}

fn parse_condition(input: ParseStream) -> syn::Result<Predicate> {
    input.parse::<Token![#]>()?;
    let attribute;
    syn::bracketed!(attribute in input);
    let word: Ident = attribute.parse()?;
    if word != "cfg" {
        return Err(syn::Error::new(word.span(), "write the condition as `#[cfg(...)]`"));
    }
    let predicate;
    syn::parenthesized!(predicate in attribute);
    predicate.parse()
}

fn parse_items(input: ParseStream) -> syn::Result<Vec<Item>> {
    let body;
    syn::braced!(body in input);
    let mut items = Vec::new();
    while !body.is_empty() {
        items.push(body.parse()?);
    }
    Ok(items)
}

impl Parse for CfgIf {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut branches = Vec::new();
        input.parse::<Token![if]>()?;
        let predicate = parse_condition(input)?;
        branches.push(Branch { predicate: Some(predicate), items: parse_items(input)? });
        while input.peek(Token![else]) {
            input.parse::<Token![else]>()?;
            if input.peek(Token![if]) {
                input.parse::<Token![if]>()?;
                let predicate = parse_condition(input)?;
                branches.push(Branch { predicate: Some(predicate), items: parse_items(input)? });
            } else {
                branches.push(Branch { predicate: None, items: parse_items(input)? });
                break;
            }
        }
        if !input.is_empty() {
            return Err(input.error("nothing may follow the `else` branch"));
        }
        Ok(CfgIf { branches })
    }
}

/// Expands `cfg_if! { ... }`: each branch's items are kept when its
/// predicate holds and no earlier one does.
pub(crate) fn expand_cfg_if(input: TokenStream) -> syn::Result<TokenStream> {
    let CfgIf { branches } = syn::parse2(input)?;
    let mut earlier: Vec<Predicate> = Vec::new();
    let mut output = TokenStream::new();
    for Branch { predicate, items } in branches {
        let none_before = Predicate::Not(Box::new(Predicate::Any(earlier.clone())));
        let condition = match &predicate {
            Some(predicate) => Predicate::All(vec![predicate.clone(), none_before]),
            None => none_before,
        };
        for item in items {
            output.extend(guarded(&condition, quote!(#item)));
        }
        earlier.extend(predicate);
    }
    Ok(output)
}

/// `__config_value!(NAME)` for a switch, `__config_value!(NAME: type,
/// FIRST..=LAST)` for a number, with the values the seL4 build may take.
struct ConfigValue {
    name: Ident,
    number: Option<(Type, u64, u64)>,
}

impl Parse for ConfigValue {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name: Ident = input.parse()?;
        if input.is_empty() {
            return Ok(ConfigValue { name, number: None });
        }
        input.parse::<Token![:]>()?;
        let ty: Type = input.parse()?;
        input.parse::<Token![,]>()?;
        let first: LitInt = input.parse()?;
        input.parse::<Token![..=]>()?;
        let last: LitInt = input.parse()?;
        Ok(ConfigValue { name, number: Some((ty, first.base10_parse()?, last.base10_parse()?)) })
    }
}

/// Expands `__config_value!` (used only by `sel4::config`) into
/// `__select!(sel4: <from the cfgs>, host: <devkernel's value>)`.
pub(crate) fn expand_config_value(input: TokenStream) -> syn::Result<TokenStream> {
    let ConfigValue { name, number } = syn::parse2(input)?;
    let option = name.to_string();
    let cfg: TokenStream = kernel_config::cfg_name(&option).parse()?;
    let devkernel = KernelConfig::devkernel().get(&option).cloned();
    match (kernel_config::kind_of(&option), number, devkernel) {
        (Some(Kind::Bool), None, Some(Value::Bool(host))) => {
            Ok(quote!(__select!(sel4: ::core::cfg!(#cfg), host: #host)))
        }
        (Some(Kind::Text), Some((ty, first, last)), Some(Value::Text(host))) => {
            let host: u64 = host.parse().map_err(|_| syn::Error::new(name.span(), "not a number"))?;
            let candidates = (first..=last).map(|value| {
                let text = value.to_string();
                let literal = proc_macro2::Literal::u64_unsuffixed(value);
                quote!((::core::cfg!(#cfg = #text), #literal))
            });
            let host = proc_macro2::Literal::u64_unsuffixed(host);
            // devkernel's value also stands in when the seL4 build was
            // made without the kernel cfgs (flags from elsewhere).
            Ok(quote!(__select!(
                sel4: __pick::<#ty>(&[#(#candidates),*], #host),
                host: #host
            )))
        }
        _ => Err(syn::Error::new(name.span(), format!("`{option}` is not a known switch or number option"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cfg_if_branches_exclude_earlier_ones() {
        let tokens = expand_cfg_if(
            "if #[cfg(kernel_mcs)] { fn a() {} } else if #[cfg(printing)] { fn b() {} } else { fn c() {} }"
                .parse()
                .unwrap(),
        )
        .unwrap()
        .to_string();
        assert!(tokens.contains("(all (sel4_config_kernel_mcs , not (any ()))) (false) fn a"), "{tokens}");
        assert!(
            tokens.contains("(all (sel4_config_printing , not (any (sel4_config_kernel_mcs)))) (true) fn b"),
            "{tokens}"
        );
        assert!(
            tokens.contains("(not (any (sel4_config_kernel_mcs , sel4_config_printing))) (false) fn c"),
            "{tokens}"
        );
    }

    #[test]
    fn cfg_if_needs_cfg_conditions() {
        let error = expand_cfg_if("if #[test] { }".parse().unwrap()).unwrap_err();
        assert_eq!(error.to_string(), "write the condition as `#[cfg(...)]`");
    }

    #[test]
    fn config_values() {
        let switch = expand_config_value("DEBUG_BUILD".parse().unwrap()).unwrap().to_string();
        assert_eq!(switch, "__select ! (sel4 : :: core :: cfg ! (sel4_config_debug_build) , host : true)");
        let number = expand_config_value("MAX_NUM_NODES: usize, 1..=2".parse().unwrap()).unwrap().to_string();
        assert!(number.contains("(:: core :: cfg ! (sel4_config_max_num_nodes = \"2\") , 2)"), "{number}");
        assert!(number.ends_with("host : 1)"), "{number}");
        assert!(expand_config_value("PLAT".parse().unwrap()).is_err());
    }
}
