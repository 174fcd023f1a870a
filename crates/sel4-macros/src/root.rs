// SPDX-License-Identifier: MIT OR Apache-2.0
//
// `#[sel4::root]`: checks that it sits on `fn main()` with no arguments and
// knows its arguments, then expands to `::sel4::__root_main! { ... }` with
// the function's tokens untouched. Pure token manipulation, so the tests
// below run on the host without a compiler plugin.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, ItemFn, ReturnType, Token, Type};

/// The message for every misuse of the attribute's position.
const GOES_ON_MAIN: &str = "`#[sel4::root]` goes on `fn main()`";

/// Which kind of program the attribute marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// A program that uses `std`; `main` stays a Rust `main`.
    Std,
    /// A `#![no_std] #![no_main]` program; `main` becomes the C `main`.
    NoStd,
}

/// The attribute's arguments: nothing, or `no_std`.
struct RootArgs {
    form: Form,
}

impl Parse for RootArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut form = Form::Std;
        let names = Punctuated::<Ident, Token![,]>::parse_terminated(input)?;
        for name in names {
            if name == "no_std" && form == Form::Std {
                form = Form::NoStd;
            } else if name == "no_std" {
                return Err(syn::Error::new(name.span(), "`no_std` given twice"));
            } else {
                return Err(syn::Error::new(
                    name.span(),
                    format!(
                        "unknown argument `{name}` to `#[sel4::root]`: \
                         write `#[sel4::root]` or `#[sel4::root(no_std)]`"
                    ),
                ));
            }
        }
        Ok(RootArgs { form })
    }
}

/// Expands `#[sel4::root(args)] item`.
pub(crate) fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let RootArgs { form } = syn::parse2(args)?;
    let function: ItemFn =
        syn::parse2(item.clone()).map_err(|error| syn::Error::new(error.span(), GOES_ON_MAIN))?;
    check_signature(&function, form)?;
    Ok(match form {
        Form::Std => quote! { ::sel4::__root_main! { #item } },
        Form::NoStd => quote! { ::sel4::__root_main! { no_std #item } },
    })
}

/// What stays in the program next to an error, so the error is the only
/// one: a stand-in `fn main() {}` for a faulty `main` (no "`main` not
/// found" or "wrong type" errors on top), anything else unchanged.
pub(crate) fn recovery(item: TokenStream) -> TokenStream {
    match syn::parse2::<ItemFn>(item.clone()) {
        Ok(function) if function.sig.ident == "main" => quote! { fn main() {} },
        _ => item,
    }
}

/// Rejects everything but `fn main()` (visibility and attributes allowed),
/// pointing at the offending part.
fn check_signature(function: &ItemFn, form: Form) -> syn::Result<()> {
    let signature = &function.sig;
    let misplaced = |span: Span, what: &str| Err(syn::Error::new(span, format!("{GOES_ON_MAIN}: {what}")));
    if signature.ident != "main" {
        return misplaced(signature.ident.span(), &format!("this function is called `{}`", signature.ident));
    }
    if let Some(token) = &signature.constness {
        return misplaced(token.span, "`main` cannot be `const`");
    }
    if let Some(token) = &signature.asyncness {
        return misplaced(token.span, "`main` cannot be `async`");
    }
    if let Some(token) = &signature.unsafety {
        return misplaced(token.span, "`main` cannot be `unsafe`");
    }
    if let Some(abi) = &signature.abi {
        return misplaced(abi.extern_token.span, "`main` cannot be `extern`");
    }
    if !signature.generics.params.is_empty() || signature.generics.where_clause.is_some() {
        let span = syn::spanned::Spanned::span(&signature.generics);
        return misplaced(span, "`main` cannot be generic");
    }
    if !signature.inputs.is_empty() || signature.variadic.is_some() {
        let span = syn::spanned::Spanned::span(&signature.inputs);
        return misplaced(span, "`main` takes no arguments");
    }
    if form == Form::NoStd {
        if let ReturnType::Type(_, ty) = &signature.output {
            let returns_unit_or_never = match ty.as_ref() {
                Type::Never(_) => true,
                Type::Tuple(tuple) => tuple.elems.is_empty(),
                _ => false,
            };
            if !returns_unit_or_never {
                let span = syn::spanned::Spanned::span(ty);
                return Err(syn::Error::new(span, "`#[sel4::root(no_std)]` main returns `()` or `!`"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand_str(args: &str, item: &str) -> Result<String, String> {
        let args: TokenStream = args.parse().unwrap();
        let item: TokenStream = item.parse().unwrap();
        expand(args, item).map(|tokens| tokens.to_string()).map_err(|error| error.to_string())
    }

    fn tokens(text: &str) -> String {
        text.parse::<TokenStream>().unwrap().to_string()
    }

    #[test]
    fn std_main_becomes_root_main_call() {
        let item = r#"fn main() { println!("Hello, world!"); }"#;
        assert_eq!(expand_str("", item).unwrap(), tokens(&format!("::sel4::__root_main! {{ {item} }}")));
    }

    #[test]
    fn no_std_main_is_marked() {
        let item = "fn main() { }";
        assert_eq!(
            expand_str("no_std", item).unwrap(),
            tokens("::sel4::__root_main! { no_std fn main() { } }")
        );
    }

    #[test]
    fn attributes_visibility_and_return_type_are_kept() {
        let item = "#[allow(unused)] pub fn main() -> Result<(), String> { Ok(()) }";
        assert_eq!(expand_str("", item).unwrap(), tokens(&format!("::sel4::__root_main! {{ {item} }}")));
    }

    #[test]
    fn no_std_main_may_diverge() {
        assert!(expand_str("no_std", "fn main() -> ! { loop {} }").is_ok());
        assert!(expand_str("no_std", "fn main() -> () {}").is_ok());
    }

    #[test]
    fn no_std_main_returning_a_value_is_rejected() {
        let error = expand_str("no_std", "fn main() -> u32 { 0 }").unwrap_err();
        assert!(error.contains("returns `()` or `!`"), "{error}");
    }

    #[test]
    fn unknown_argument_is_named() {
        let error = expand_str("threads", "fn main() {}").unwrap_err();
        assert!(error.contains("unknown argument `threads`"), "{error}");
    }

    #[test]
    fn argument_given_twice_is_rejected() {
        let error = expand_str("no_std, no_std", "fn main() {}").unwrap_err();
        assert!(error.contains("given twice"), "{error}");
    }

    #[test]
    fn non_literal_argument_is_rejected() {
        assert!(expand_str("\"no_std\"", "fn main() {}").is_err());
        assert!(expand_str("no_std = true", "fn main() {}").is_err());
    }

    #[test]
    fn other_function_names_are_rejected() {
        let error = expand_str("", "fn start() {}").unwrap_err();
        assert!(error.contains(GOES_ON_MAIN), "{error}");
        assert!(error.contains("called `start`"), "{error}");
    }

    #[test]
    fn arguments_are_rejected() {
        let error = expand_str("", "fn main(argc: i32) {}").unwrap_err();
        assert!(error.contains("takes no arguments"), "{error}");
    }

    #[test]
    fn non_functions_are_rejected() {
        for item in ["struct Main;", "static MAIN: u8 = 0;", "mod main {}"] {
            let error = expand_str("", item).unwrap_err();
            assert!(error.contains(GOES_ON_MAIN), "{item}: {error}");
        }
    }

    #[test]
    fn recovery_keeps_a_main_and_other_items() {
        let recovered = |item: &str| recovery(item.parse().unwrap()).to_string();
        assert_eq!(recovered("fn main(argc: i32) { body() }"), tokens("fn main() {}"));
        assert_eq!(recovered("fn start() {}"), tokens("fn start() {}"));
        assert_eq!(recovered("struct Main;"), tokens("struct Main;"));
    }

    #[test]
    fn qualifiers_and_generics_are_rejected() {
        for (item, why) in [
            ("async fn main() {}", "async"),
            ("unsafe fn main() {}", "unsafe"),
            ("const fn main() {}", "const"),
            ("extern \"C\" fn main() {}", "extern"),
            ("fn main<T>() {}", "generic"),
            ("fn main() where u8: Copy {}", "generic"),
        ] {
            let error = expand_str("", item).unwrap_err();
            assert!(error.contains(why), "{item}: {error}");
        }
    }
}
