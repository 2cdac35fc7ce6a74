// Progressive enhancement only: every page works without JavaScript.
(function () {
    "use strict";
    document.documentElement.classList.add("js");
    var toggle = document.querySelector(".nav-toggle");
    var nav = document.getElementById("primary-navigation");
    if (toggle && nav) {
        toggle.hidden = false;
        nav.setAttribute("data-open", "false");
        toggle.addEventListener("click", function () {
            var open = toggle.getAttribute("aria-expanded") === "true";
            toggle.setAttribute("aria-expanded", String(!open));
            nav.setAttribute("data-open", String(!open));
        });
    }
    // Filter forms submit on change so keyboard and mouse users get the same result as the button.
    document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
        form.addEventListener("change", function () { form.requestSubmit ? form.requestSubmit() : form.submit(); });
    });
})();
