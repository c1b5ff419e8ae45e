#!/usr/bin/env python3
"""Every module declares what it imports: no module leans on a dependency it only gets transitively.

SwiftPM's `--explicit-target-dependency-import-check` catches an import of a package target that is not a
dependency at all, but lets a module import what a dependency of its dependency brings along. This check reads
`swift package dump-package` and each target's `import` lines, and fails when a target imports a module of this
package, or a product of a dependency, that its own entry in Package.swift does not name.

Usage: scripts/check-imports.py   (from the repository root; exits 1 and lists each leak)
"""
import json
import os
import re
import subprocess
import sys

# Modules of the toolchain, never declared in Package.swift.
SYSTEM = {
    "Foundation", "FoundationEssentials", "FoundationNetworking", "FoundationXML", "Dispatch", "Glibc", "Musl", "Darwin",
    "Testing", "XCTest", "Synchronization", "_Concurrency", "Observation", "RegexBuilder", "os",
}
IMPORT = re.compile(r"^\s*(?:@testable\s+|@_implementationOnly\s+|@preconcurrency\s+|public\s+|package\s+|internal\s+)*"
                    r"import\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?([A-Za-z_][A-Za-z0-9_]*)")


def main() -> int:
    package = json.loads(subprocess.run(
        ["swift", "package", "dump-package"], check=True, capture_output=True, text=True).stdout)
    targets = {t["name"]: t for t in package["targets"]}
    leaks = []
    for name, target in sorted(targets.items()):
        declared = set()
        for dependency in target["dependencies"]:
            for kind in ("byName", "target", "product"):
                if kind in dependency:
                    declared.add(dependency[kind][0])
        default = "Tests" if target["type"] == "test" else "Sources"
        root = target.get("path") or os.path.join(default, name)
        for folder, _, files in os.walk(root):
            for file in sorted(files):
                if not file.endswith(".swift"):
                    continue
                path = os.path.join(folder, file)
                with open(path, encoding="utf-8") as source:
                    for number, line in enumerate(source, 1):
                        match = IMPORT.match(line)
                        if not match:
                            # Imports lead the file; past them, `import` is text (a Python script in a string).
                            if line.strip() and not line.lstrip().startswith(("//", "/*", "*", "@")):
                                break
                            continue
                        module = match.group(1)
                        if module in SYSTEM or module == name or module in declared:
                            continue
                        # Products whose module name differs from the product name are declared by product.
                        if module.startswith("C") and module[1:] in declared:
                            continue
                        leaks.append(f"{path}:{number}: {name} imports {module} without declaring it in Package.swift")
    for leak in leaks:
        print(leak, file=sys.stderr)
    if leaks:
        print(f"{len(leaks)} undeclared imports (未声明的依赖)", file=sys.stderr)
        return 1
    print(f"imports: every target declares what it imports ({len(targets)} targets)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
