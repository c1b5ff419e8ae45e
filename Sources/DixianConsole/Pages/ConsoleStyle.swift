import Crypto

/// The console's one stylesheet, served by the daemon (county intranets are often offline: no CDN, no web
/// fonts). Small and mobile-first: one column at 360 px, wider lists on a desktop.
public enum ConsoleStyle {
    /// The stylesheet's address; the version in it changes with the content, so browsers may cache it a year.
    public static let path = "/console/static/console.css?v=" + version

    /// The first 12 hex digits of the stylesheet's SHA-256.
    public static let version: String = {
        SHA256.hash(data: Array(css.utf8)).prefix(6).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
    }()

    public static let css = """
        *{box-sizing:border-box}
        body{margin:0;background:#f4f5f7;color:#1f2329;font:16px/1.6 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
        a{color:#1456b8}
        .bar{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding:.6rem 1rem;background:#a12622;color:#fff}
        .bar a{color:#fff;text-decoration:none}
        .brand{font-weight:700}
        nav{display:flex;flex-wrap:wrap;gap:.25rem .9rem;flex:1}
        nav a[aria-current=page]{text-decoration:underline;text-underline-offset:.3em}
        .signout{display:flex;align-items:center;gap:.5rem;margin:0 0 0 auto}
        @media (max-width:47.99rem){.bar nav{order:3;flex-basis:100%;flex-wrap:nowrap;overflow-x:auto;white-space:nowrap}}
        .who{font-size:.875rem}
        main{max-width:60rem;margin:1rem auto;padding:1rem 1.25rem;background:#fff;border-radius:8px}
        h1{font-size:1.35rem;margin:0 0 1rem}
        h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
        .count{display:inline-block;min-width:1.6em;padding:0 .4em;border-radius:1em;background:#f0f1f3;font-size:.875rem;text-align:center}
        label{display:block;margin:.6rem 0 .2rem;font-weight:600}
        input,textarea,select{width:100%;padding:.55rem;font:inherit;border:1px solid #c9cdd4;border-radius:6px}
        button,.button{display:inline-block;margin-top:.8rem;padding:.65rem 1.2rem;font:inherit;font-weight:600;color:#fff;background:#c0392b;border:0;border-radius:6px;text-decoration:none;cursor:pointer}
        button.secondary{color:#1f2329;background:#e8e9eb}
        button.link{margin:0;padding:0;color:#fff;background:none;font-weight:400;text-decoration:underline}
        .items{list-style:none;margin:0;padding:0}
        .item{padding:.8rem 0;border-top:1px solid #e8e9eb}
        .item .title{margin:0;font-weight:600}
        .meta{margin:.1rem 0;color:#646a73;font-size:.875rem}
        .overdue .title{color:#a12622}
        .hint,.empty{color:#646a73;font-size:.875rem}
        .notice{padding:.6rem;background:#e8f5ec;color:#1e7b34;border-radius:6px}
        .problem{padding:.6rem;background:#fdecea;color:#a12622;border-radius:6px}
        .account{margin-top:2rem}
        .scroll{overflow-x:auto}
        .tabs a{margin-right:.8rem}.tabs a[aria-current=page]{font-weight:700;text-decoration:none;color:#1f2329}
        table.figures{border-collapse:collapse;width:100%;font-size:.9rem;white-space:nowrap}
        .figures th,.figures td{padding:.45rem .5rem;border-bottom:1px solid #e8e9eb;text-align:right}
        .figures th[scope=row],.figures thead th:first-child{text-align:left}
        .figures thead th{color:#646a73;font-weight:600}
        .figures tr.flagged th[scope=row]{color:#a12622}
        .meter{vertical-align:middle}
        .facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0 0 1rem}.facts dt{color:#646a73}.facts dd{margin:0}
        .step{margin:1.5rem 0;padding:1rem;border:1px solid #e8e9eb;border-radius:8px}
        fieldset{margin:.6rem 0;border:0;padding:0}legend{font-weight:600}
        .choice{display:flex;gap:.5rem;align-items:center;font-weight:400}.choice input{width:auto}
        .timeline{padding-left:1.2rem}.timeline li{margin:.3rem 0}.when{font-variant-numeric:tabular-nums;color:#646a73}
        .filters{display:flex;flex-wrap:wrap;gap:0 .6rem;align-items:end}.filters label{width:100%}.filters select{flex:1;width:auto}
        .diff{margin:0;padding:.5rem;background:#f7f8fa;border-radius:6px;font-size:.85rem;overflow-x:auto}.diff span{display:block;white-space:pre}.diff .added{background:#e6f4ea}.diff .removed{background:#fdecea}
        .field-error{margin:.2rem 0;color:#a12622;font-size:.875rem}
        footer{max-width:60rem;margin:0 auto 1rem;padding:0 1.25rem;color:#646a73;font-size:.875rem}
        @media (min-width:48rem){.item form{display:flex;flex-wrap:wrap;align-items:end;gap:.5rem}.item form label{width:100%}.item form input{flex:1;width:auto}}

        """
}
