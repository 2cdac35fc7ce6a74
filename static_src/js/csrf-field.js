// Cached pages carry no CSRF token: fill each form's empty token field from the uncached endpoint, and
// hold a submission that comes before the token has arrived.
(function () {
    "use strict";
    var fields = document.querySelectorAll("input[data-csrf-field]");
    if (!fields.length || !window.fetch) { return; }
    var token = fetch("/csrf-token/", { credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
            fields.forEach(function (field) { field.value = data.token; });
            return data.token;
        });
    fields.forEach(function (field) {
        var form = field.form;
        if (!form) { return; }
        form.addEventListener("submit", function (event) {
            if (field.value) { return; }
            event.preventDefault();
            token.then(function () { form.submit(); });
        });
    });
})();
