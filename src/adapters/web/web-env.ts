/**
 * Request-scoped values the web middleware sets for handlers, typed for every
 * Hono context in the app (Hono's documented way to type `c.get`/`c.var`).
 */
declare module 'hono' {
  interface ContextVariableMap {
    /** Anonymous, signed visitor id: what CSRF and feedback tokens are bound to (the chat limit keys by address; see chatUserId). */
    visitorId: string;
    /** The CSRF token to put in this response's forms. */
    csrfToken: string;
    /** True when this request arrived without a valid visitor cookie (a POST then cannot carry a valid CSRF token). */
    visitorIsNew: boolean;
    /** True when an admin session cookie was valid for this request. */
    isAdmin: boolean;
    /** The POSTed form, once read by readForm. */
    form: import('./request/read-form.js').FormFields;
  }
}

export {};
