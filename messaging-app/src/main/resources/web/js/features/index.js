// Optional features: each is a module that registers itself through ../extensions.js; import it here.
import "./voice.js";
import "./push.js";
import "./scheduled.js";
import "./encryption.js";
