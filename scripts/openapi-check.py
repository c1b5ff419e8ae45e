#!/usr/bin/env python3
"""检查 dixian 的 OpenAPI 文档 (check dixian's OpenAPI document).

1. 按 OpenAPI 3.1 校验文档 (validates the document as OpenAPI 3.1, with openapi_spec_validator);
2. 给了 --routes 时, 比较守护进程在 /api/v1/ 下的路由与文档中的 (方法, 路径) 是否一致
   (with --routes, compares the daemon's /api/v1/ routes with the document's operations).

路由文件每行一条 `METHOD /path/with/:params` (one route a line); 一行也可列多个方法, 如
`GET,POST /api/v1/signals`. 空行和以 # 开头的行忽略; HEAD 忽略 (路由器为每个 GET 自动提供 HEAD).
`:name` 对应文档中的 `{name}`. 只比较 /api/v1/ 下的路由.

退出码 (exit status): 0 一致 (all good), 1 文档无效或路由不一致 (invalid or routes differ),
2 用法或文件错误 (usage or file error).

安装依赖 (dependency): pip install openapi-spec-validator
"""

import argparse
import json
import re
import sys

PREFIX = "/api/v1/"
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def document_operations(document):
    """The document's (METHOD, path with :params) pairs under /api/v1/."""
    operations = set()
    for path, item in (document.get("paths") or {}).items():
        if not path.startswith(PREFIX):
            continue
        router_path = re.sub(r"\{([^}/]+)\}", r":\1", path)
        for method in item:
            if method.lower() in METHODS:
                operations.add((method.upper(), router_path))
    return operations


def document_extras(document):
    """Operations outside /api/v1/, which the document must not describe."""
    return sorted(path for path in (document.get("paths") or {}) if not path.startswith(PREFIX))


def read_routes(filename):
    """The routes file's (METHOD, path) pairs under /api/v1/, HEAD left out."""
    routes = set()
    with open(filename, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            if len(parts) < 2 or not parts[-1].startswith("/"):
                raise ValueError(f"{filename}:{number}: 应为 `METHOD /path` (expected `METHOD /path`): {line!r}")
            path = parts[-1]
            methods = [m for part in parts[:-1] for m in part.split(",") if m]
            for method in methods:
                if method.upper() == "HEAD":
                    continue
                if path.startswith(PREFIX):
                    routes.add((method.upper(), path))
    return routes


def short(text, limit=300):
    """The first line of `text`, at most `limit` characters."""
    line = str(text).strip().splitlines()[0] if str(text).strip() else ""
    line = line.split(" within {")[0]
    return line if len(line) <= limit else line[:limit] + "…"


def validate(document):
    """Problems found by openapi_spec_validator as OpenAPI 3.1, one short line each (empty when valid)."""
    try:
        from openapi_spec_validator import OpenAPIV31SpecValidator, validate as validate_spec
    except ImportError:
        raise SystemExit("缺少 openapi_spec_validator (missing module): pip install openapi-spec-validator")
    try:
        validate_spec(document, cls=OpenAPIV31SpecValidator)
        return []
    except Exception as first:  # the validator's error types differ between releases
        problems = []
        try:
            for error in OpenAPIV31SpecValidator(document).iter_errors():
                where = "/".join(map(str, getattr(error, "path", []))) or "(root)"
                problems.append(f"{where}: {short(getattr(error, 'message', error))}")
        except Exception as error:  # an unresolvable $ref ends the walk
            problems.append(f"{type(error).__name__}: {short(error)}")
        return problems or [f"{type(first).__name__}: {short(first)}"]


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="openapi-check.py",
        description="校验 dixian 的 OpenAPI 3.1 文档, 并与守护进程的 /api/v1/ 路由比较 "
        "(validate dixian's OpenAPI 3.1 document and compare it with the daemon's /api/v1/ routes).",
        epilog="例 (example): python3 scripts/openapi-check.py Sources/DixianWeb/OpenAPI/openapi.json --routes routes.txt\n"
        "路由文件每行 `METHOD /path/:param`, 如 `POST /api/v1/occurrences/:id/done`; HEAD 行忽略.\n"
        "退出码 (exit status): 0 通过 (ok), 1 不通过 (failed), 2 用法或文件错误 (usage or file error).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("document", help="OpenAPI 文档 (the JSON document), e.g. Sources/DixianWeb/OpenAPI/openapi.json")
    parser.add_argument("--routes", metavar="FILE",
                        help="路由文件, 每行 `METHOD /path/:param` (routes, one `METHOD /path` a line, from HTTPEndpoints.routes)")
    arguments = parser.parse_args(argv)

    try:
        with open(arguments.document, encoding="utf-8") as file:
            document = json.load(file)
    except (OSError, ValueError) as error:
        print(f"无法读取文档 (cannot read the document): {error}", file=sys.stderr)
        return 2

    failed = False
    problems = validate(document)
    if problems:
        failed = True
        print(f"文档无效 (invalid OpenAPI 3.1): {len(problems)} 个问题 (problems)")
        for problem in problems:
            print(f"  {problem}")
    elif document.get("openapi", "").startswith("3.1"):
        print("文档有效 (valid OpenAPI 3.1)")
    else:
        failed = True
        print(f"文档不是 OpenAPI 3.1 (not OpenAPI 3.1): openapi = {document.get('openapi')!r}")

    documented = document_operations(document)
    outside = document_extras(document)
    if outside:
        failed = True
        print(f"文档描述了 /api/v1/ 以外的路径 (paths outside /api/v1/): {', '.join(outside)}")
    path_count = len({path for _, path in documented})
    print(f"文档: {path_count} 个路径, {len(documented)} 个操作 (document: {path_count} paths, {len(documented)} operations)")

    if arguments.routes:
        try:
            routes = read_routes(arguments.routes)
        except (OSError, ValueError) as error:
            print(f"无法读取路由文件 (cannot read the routes): {error}", file=sys.stderr)
            return 2
        missing = sorted(routes - documented, key=lambda route: (route[1], route[0]))
        extra = sorted(documented - routes, key=lambda route: (route[1], route[0]))
        for method, path in missing:
            print(f"  缺少 (missing from the document): {method} {path}")
        for method, path in extra:
            print(f"  多余 (documented, not served): {method} {path}")
        if missing or extra:
            failed = True
            print(f"路由不一致 (routes differ): 缺少 {len(missing)} (missing), 多余 {len(extra)} (extra)")
        else:
            print(f"路由一致 (routes match): {len(routes)} 个 /api/v1/ 操作 (operations)")

    print("不通过 (FAILED)" if failed else "通过 (OK)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
