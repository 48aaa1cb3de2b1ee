//! Policy directories pinned by content hash.

use std::path::Path;

use sha2::{Digest, Sha256};

/// The content hash of a policy directory: SHA-256 over the sorted relative
/// paths and contents of every `.rego`, `.json`, `.yaml` and `.yml` file in
/// it, as `sha256:<hex>`.
pub fn content_hash(dir: &Path) -> std::io::Result<String> {
    let mut files = Vec::new();
    collect(dir, dir, &mut files, 0)?;
    files.sort();
    let mut h = Sha256::new();
    for rel in &files {
        let bytes = std::fs::read(dir.join(rel))?;
        h.update(rel.as_bytes());
        h.update([0]);
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    Ok(format!(
        "sha256:{}",
        h.finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    ))
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>, depth: usize) -> std::io::Result<()> {
    if depth > 64 {
        return Ok(());
    }
    if dir.is_file() {
        out.push(
            dir.file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default(),
        );
        return Ok(());
    }
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let p = e.path();
        let ft = e.file_type()?;
        if ft.is_dir() {
            collect(root, &p, out, depth + 1)?;
        } else if ft.is_file() {
            let name = p.to_string_lossy();
            if [".rego", ".json", ".yaml", ".yml"]
                .iter()
                .any(|x| name.ends_with(x))
            {
                out.push(
                    p.strip_prefix(root)
                        .unwrap_or(&p)
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_changes_with_content_and_not_with_order() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("a.rego"), "package main\n").unwrap();
        std::fs::write(d.path().join("b.rego"), "package x\n").unwrap();
        std::fs::write(d.path().join("notes.txt"), "ignored").unwrap();
        let h1 = content_hash(d.path()).unwrap();
        assert!(h1.starts_with("sha256:") && h1.len() == 71);
        std::fs::write(d.path().join("notes.txt"), "still ignored").unwrap();
        assert_eq!(h1, content_hash(d.path()).unwrap());
        std::fs::write(d.path().join("b.rego"), "package y\n").unwrap();
        assert_ne!(h1, content_hash(d.path()).unwrap());
    }
}
