# Varnish in front of gunicorn (scripts/front-cache start renders BACKEND_HOST/BACKEND_PORT).
# It keeps what Django marks public with s-maxage, for anonymous visitors only, and drops pages by the
# xkey tags Django puts on them (core/page_cache/): one PURGE with `xkey-purge: practices` drops every
# page that shows practices, filtered listings (?theme=...) included.
vcl 4.1;

import std;
import xkey;

backend default {
    .host = "BACKEND_HOST";
    .port = "BACKEND_PORT";
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from here."));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "An xkey-purge header naming the tags is required."));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # Signed-in visitors and pages with messages: exactly the cookies Django's page cache bypasses on.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    unset req.http.Cookie;
    # The same key as Django's page cache: tracking parameters dropped, the others sorted.
    set req.url = regsuball(req.url, "([?&])(utm_[A-Za-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga)=[^&]*", "\1");
    set req.url = regsuball(req.url, "&&+", "&");
    set req.url = regsub(req.url, "\?&", "?");
    set req.url = regsub(req.url, "[?&]$", "");
    set req.url = std.querysort(req.url);
    return (hash);
}

sub vcl_backend_response {
    # Only what Django declared shareable; a page that sets a cookie belongs to one visitor.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "s-maxage" || beresp.http.Cache-Control ~ "private|no-store|no-cache") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Never serve a page past its s-maxage: freshness is bounded by Django's max-age, not by grace.
    set beresp.grace = 0s;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.xkey;
    if (obj.hits > 0) {
        set resp.http.X-Front-Cache = "hit";
    } else {
        set resp.http.X-Front-Cache = "miss";
    }
}
