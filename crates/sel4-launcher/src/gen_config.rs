// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Reads seL4's `gen_config.json`: one flat JSON object whose values are
// `true`, `false` or strings. A reader of exactly that shape is a few dozen
// lines, so the launcher needs no JSON library; anything else is refused
// with the line where it stopped.

//! Reading `gen_config.json`.

use crate::kernel_config::{KernelConfig, Value};

/// Parses the text of a `gen_config.json` into a configuration (known
/// options only). The error says where and why the text is not the flat
/// object seL4 writes.
pub fn parse(text: &str) -> Result<KernelConfig, String> {
    let mut reader = Reader { text: text.as_bytes(), at: 0 };
    let pairs = reader.object()?;
    reader.skip_space();
    if reader.at != reader.text.len() {
        return Err(reader.error("text after the closing `}`"));
    }
    Ok(KernelConfig::from_pairs(pairs))
}

struct Reader<'a> {
    text: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn error(&self, what: &str) -> String {
        let line = 1 + self.text[..self.at.min(self.text.len())].iter().filter(|&&b| b == b'\n').count();
        format!("line {line}: {what}")
    }

    fn skip_space(&mut self) {
        while self.text.get(self.at).is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), String> {
        self.skip_space();
        if self.text.get(self.at) == Some(&byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(&format!("expected `{}`", byte as char)))
        }
    }

    fn object(&mut self) -> Result<Vec<(String, Value)>, String> {
        self.expect(b'{')?;
        let mut pairs = Vec::new();
        self.skip_space();
        if self.text.get(self.at) == Some(&b'}') {
            self.at += 1;
            return Ok(pairs);
        }
        loop {
            self.skip_space();
            let name = self.string()?;
            self.expect(b':')?;
            self.skip_space();
            let value = self.value()?;
            pairs.push((name, value));
            self.skip_space();
            match self.text.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(pairs);
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn value(&mut self) -> Result<Value, String> {
        let rest = &self.text[self.at..];
        if rest.starts_with(b"true") {
            self.at += 4;
            Ok(Value::Bool(true))
        } else if rest.starts_with(b"false") {
            self.at += 5;
            Ok(Value::Bool(false))
        } else if rest.first() == Some(&b'"') {
            Ok(Value::Text(self.string()?))
        } else {
            // Numbers are strings in seL4's output; accept bare ones too.
            let length = rest.iter().take_while(|b| b.is_ascii_digit() || **b == b'-').count();
            if length == 0 {
                return Err(self.error("expected true, false, a string or a number"));
            }
            self.at += length;
            Ok(Value::Text(String::from_utf8_lossy(&rest[..length]).into_owned()))
        }
    }

    fn string(&mut self) -> Result<String, String> {
        if self.text.get(self.at) != Some(&b'"') {
            return Err(self.error("expected a string"));
        }
        self.at += 1;
        let mut bytes = Vec::new();
        loop {
            match self.text.get(self.at) {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.at += 1;
                    return String::from_utf8(bytes).map_err(|_| self.error("a string is not UTF-8"));
                }
                Some(b'\\') => {
                    let escaped = match self.text.get(self.at + 1) {
                        Some(b'"') => b'"',
                        Some(b'\\') => b'\\',
                        Some(b'/') => b'/',
                        Some(b'n') => b'\n',
                        Some(b't') => b'\t',
                        _ => return Err(self.error("unsupported escape in a string")),
                    };
                    bytes.push(escaped);
                    self.at += 2;
                }
                Some(&byte) => {
                    bytes.push(byte);
                    self.at += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sel4s_format() {
        let config = parse(
            "{\n    \"ARCH\": \"x86\",\n    \"DEBUG_BUILD\": true,\n    \"KERNEL_MCS\": false,\n    \
             \"MAX_NUM_NODES\": \"1\",\n    \"PLAT_TX2\": false\n}\n",
        )
        .unwrap();
        assert_eq!(config.get("ARCH"), Some(&Value::Text("x86".into())));
        assert!(config.is_on("DEBUG_BUILD"));
        assert!(!config.is_on("KERNEL_MCS"));
        assert_eq!(config.get("MAX_NUM_NODES"), Some(&Value::Text("1".into())));
        assert_eq!(config.get("PLAT_TX2"), None);
    }

    #[test]
    fn empty_object_and_bare_numbers() {
        assert_eq!(parse("{}").unwrap().iter().count(), 0);
        assert_eq!(parse("{\"WORD_SIZE\": 64}").unwrap().get("WORD_SIZE"), Some(&Value::Text("64".into())));
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(parse("{\n\"A\": true,\n\"B\" false}").unwrap_err(), "line 3: expected `:`");
        assert_eq!(parse("").unwrap_err(), "line 1: expected `{`");
        assert_eq!(parse("{\"A\": [1]}").unwrap_err(), "line 1: expected true, false, a string or a number");
        assert_eq!(parse("{} x").unwrap_err(), "line 1: text after the closing `}`");
    }
}
