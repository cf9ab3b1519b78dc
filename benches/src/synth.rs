//! Synthetic specs of any size, from a fixed seed: a REST payout-style API with errors by status.
//!
//! Endpoints come in groups of five per resource (list, get, create, update, cancel), so `endpoints` should be a
//! multiple of 5. Each resource has an ID type (`kind: id`), a status enum, a constrained reference string, an object
//! of 8 to 15 fields (drawn from a pool of realistic payout fields: amounts, currencies, dates, e-mails, URIs, maps,
//! arrays, nullable fields, references to other resources) and a page object for its list endpoint. Endpoints take
//! path, query (repeated arrays, dates, constrained strings), header and body arguments; errors are shared by status,
//! some common and some per endpoint. The same `(endpoints, seed)` always gives the same bytes.

use std::fmt::Write as _;

/// The seed every benchmark uses.
pub const SEED: u64 = 0x5eed_2026;

/// splitmix64: tiny, deterministic, good enough to pick fields.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: usize, high: usize) -> usize {
        low + (self.next() % (high - low + 1) as u64) as usize
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.range(0, i);
            items.swap(i, j);
        }
    }
}

const NOUNS: &[(&str, &str, &str)] = &[
    // (UpperCamel, snake, human)
    ("Payout", "payout", "payout"),
    ("Transfer", "transfer", "transfer"),
    ("Beneficiary", "beneficiary", "beneficiary"),
    ("Refund", "refund", "refund"),
    ("Invoice", "invoice", "invoice"),
    ("Mandate", "mandate", "direct debit mandate"),
    ("Settlement", "settlement", "settlement"),
    ("Remittance", "remittance", "remittance"),
    ("Disbursement", "disbursement", "disbursement"),
    ("Wallet", "wallet", "wallet"),
    ("PayoutBatch", "payout_batch", "payout batch"),
    ("FxQuote", "fx_quote", "foreign exchange quote"),
    ("Statement", "statement", "account statement"),
    ("Chargeback", "chargeback", "chargeback"),
    ("LedgerEntry", "ledger_entry", "ledger entry"),
    ("BankAccount", "bank_account", "bank account"),
];

const STATUSES: &[(&str, &str)] = &[
    ("pending", "Received and waiting to be processed."),
    ("processing", "Being processed by the bank or the scheme."),
    ("completed", "Processed successfully; the money has moved."),
    ("failed", "Could not be processed; see the failure reason."),
    ("canceled", "Canceled before it was processed."),
    ("returned", "Returned by the receiving bank after completion."),
    ("on_hold", "Held for a compliance review."),
    ("scheduled", "Waiting for its execution date."),
];

/// A field an object may have beyond the fixed ones: wire name, whether a client may send it, and its YAML body
/// (after `type:`), where `{other}` is replaced by another resource's type name.
struct Extra {
    name: &'static str,
    writable: bool,
    body: &'static str,
}

const EXTRAS: &[Extra] = &[
    Extra {
        name: "description",
        writable: true,
        body: "string\n        max_length: 255\n        nullable: true\n        description: \"Free text shown to the account holder.\"\n        example: \"Weekly settlement\"",
    },
    Extra {
        name: "metadata",
        writable: true,
        body: "map<string>\n        description: \"Your own key-value pairs, returned unchanged.\"",
    },
    Extra {
        name: "tags",
        writable: true,
        body: "array<string>\n        max_length: 20\n        description: \"Labels for filtering in the dashboard.\"",
    },
    Extra {
        name: "countryCode",
        writable: true,
        body: "CountryCode\n        description: \"Country of the receiving account.\"\n        example: GB",
    },
    Extra {
        name: "customerEmail",
        writable: true,
        body: "email\n        description: \"Where receipts are sent.\"\n        example: \"finance@example.com\"",
    },
    Extra {
        name: "callbackUrl",
        writable: true,
        body: "uri\n        description: \"Called when the status changes.\"\n        example: \"https://example.com/hooks/payments\"",
    },
    Extra {
        name: "valueDate",
        writable: true,
        body: "date\n        description: \"The day the money should arrive.\"\n        example: \"2026-03-01\"",
    },
    Extra { name: "fee", writable: false, body: "Amount\n        description: \"The fee charged for this operation.\"" },
    Extra {
        name: "attempts",
        writable: false,
        body: "integer\n        min: 0\n        max: 100\n        description: \"How many times delivery was attempted.\"\n        example: 1",
    },
    Extra {
        name: "testMode",
        writable: true,
        body: "boolean\n        default: false\n        description: \"True when created with test credentials.\"",
    },
    Extra {
        name: "exchangeRate",
        writable: false,
        body: "decimal\n        min: 0\n        max_decimals: 6\n        description: \"Rate applied when currencies differ.\"\n        example: 1.084512",
    },
    Extra {
        name: "expiresAt",
        writable: true,
        body: "date_time\n        nullable: true\n        description: \"After this instant the operation is canceled.\"",
    },
    Extra { name: "parentId", writable: true, body: "{other}Id\n        description: \"The operation this one belongs to.\"" },
    Extra {
        name: "relatedIds",
        writable: true,
        body: "array<{other}Id>\n        max_length: 50\n        description: \"Operations linked to this one.\"",
    },
    Extra {
        name: "beneficiaryName",
        writable: true,
        body: "string\n        min_length: 1\n        max_length: 140\n        description: \"Name of the account holder who receives the money.\"\n        example: \"Jane Doe\"",
    },
    Extra {
        name: "externalReference",
        writable: true,
        body: "string\n        pattern: '[A-Za-z0-9._-]{1,64}'\n        description: \"Reference in your own system.\"\n        example: \"ord-2026-0001\"",
    },
    Extra { name: "providerData", writable: false, body: "json\n        description: \"Raw data from the bank, kept as it came.\"" },
    Extra {
        name: "settledAt",
        writable: false,
        body: "unix_time\n        nullable: true\n        description: \"When the money settled (Unix seconds).\"",
    },
    Extra { name: "iban", writable: true, body: "Iban\n        description: \"Receiving account.\"\n        example: \"GB29NWBK60161331926819\"" },
    Extra { name: "sequence", writable: false, body: "int32\n        min: 0\n        description: \"Position in its batch.\"" },
    Extra { name: "purpose", writable: true, body: "PurposeCode\n        description: \"Why the money is sent.\"" },
];

struct Resource {
    /// `Payout12`
    ty: String,
    /// `payout_12`
    snake: String,
    /// `payouts-12`
    path: String,
    /// `payout`
    human: &'static str,
    statuses: Vec<usize>,
    extras: Vec<usize>,
    /// Index of the resource `{other}` refers to.
    other: usize,
}

/// The YAML text of a spec with `endpoints` endpoints (rounded up to a multiple of 5).
pub fn spec(endpoints: usize, seed: u64) -> String {
    let mut rng = Rng(seed ^ endpoints as u64);
    let count = endpoints.div_ceil(5).max(1);
    let mut resources = Vec::with_capacity(count);
    for k in 0..count {
        let (upper, snake, human) = NOUNS[k % NOUNS.len()];
        let n = k / NOUNS.len() + 1;
        let mut statuses: Vec<usize> = (0..STATUSES.len()).collect();
        rng.shuffle(&mut statuses[1..]);
        statuses.truncate(rng.range(3, 6));
        let mut extras: Vec<usize> = (0..EXTRAS.len()).collect();
        rng.shuffle(&mut extras);
        extras.truncate(rng.range(2, 9));
        extras.sort_unstable();
        resources.push(Resource {
            ty: format!("{upper}{n}"),
            snake: format!("{snake}_{n}"),
            path: format!("{}s-{n}", snake.replace('_', "-")),
            human,
            statuses,
            extras,
            other: rng.range(0, k),
        });
    }

    let name = format!("synth_{endpoints}");
    let mut out = String::with_capacity(count * 9_000);
    header(&mut out, &name, endpoints);
    out.push_str("types:\n");
    shared_types(&mut out);
    for r in &resources {
        resource_types(&mut out, r, &resources[r.other].ty);
    }
    out.push_str("\nendpoints:\n");
    for r in &resources {
        resource_endpoints(&mut out, r, &resources[r.other].ty, &mut rng);
    }
    out
}

fn header(out: &mut String, name: &str, endpoints: usize) {
    let _ = write!(
        out,
        r#"spec: 1

api:
  name: {name}
  title: Synthetic Payouts API ({endpoints} endpoints)
  description: >-
    A generated API in the shape of a real payout provider, used to measure the generator. Resources are created,
    listed with filters and pagination, read, updated and canceled.
  style: rest
  docs_url: https://docs.example.com/payouts

servers:
  production:
    url: https://api.example.com/v2
    description: Production. Operations here move real money.
  sandbox:
    url: https://{{tenant}}.sandbox.example.com/v2
    description: Sandbox, for integration tests.
    variables:
      tenant:
        description: Your tenant name, as shown in the dashboard.
        example: acme

versioning:
  header: Api-Version
  versions: ["2025-01-01", "2026-01-01"]
  default: "2026-01-01"
  description: Selects the API version. An unknown version is refused with a 400.

auth:
  schemes:
    bearer:
      kind: bearer
      format: JWT
      description: A short-lived access token from the OAuth token endpoint.
    api_key:
      kind: api_key
      header: X-Api-Key
      environments: [sandbox]
      description: A sandbox API key from the dashboard.

errors:
  style: by_status
  content_types: [application/json, application/problem+json]
  description: >-
    Errors are RFC 9457 problem details; the HTTP status identifies the error. Any other status is an unexpected
    response.
  codes:
    BAD_REQUEST:
      status: 400
      common: true
      body: Problem
      description: The request is malformed or breaks a documented rule.
    UNAUTHORIZED:
      status: 401
      common: true
      body: Problem
      description: The credentials are missing, expired or revoked.
    NOT_FOUND:
      status: 404
      body: Problem
      description: The resource does not exist or belongs to another account.
    CONFLICT:
      status: 409
      body: Problem
      description: The resource is not in a state that allows this operation.
    TOO_MANY_REQUESTS:
      status: 429
      common: true
      body: Problem
      description: The rate limit is exhausted; retry after the delay in `Retry-After`.
      headers:
        Retry-After:
          type: integer
          min: 0
          description: Seconds to wait before retrying.
          example: 30
    INTERNAL_SERVER_ERROR:
      status: 500
      common: true
      body: Problem
      description: An unexpected failure on the provider's side.

"#
    );
}

fn shared_types(out: &mut String) {
    out.push_str(
        r#"  Problem:
    kind: object
    description: An RFC 9457 problem details object.
    fields:
      type:
        type: uri
        rust_name: problem_type
        description: The problem type, as a URI.
        example: about:blank
      title:
        type: string
        description: Short summary of the problem type.
      status:
        type: integer
        min: 400
        max: 599
        description: HTTP status of this occurrence.
      detail:
        type: string
        description: Explanation specific to this occurrence.
      instance:
        type: string
        description: URI reference of this occurrence.
  CurrencyCode:
    kind: string
    length: 3
    pattern: '[A-Z]{3}'
    description: An ISO 4217 currency code.
    example: EUR
  CountryCode:
    kind: string
    pattern: '[A-Z]{2}'
    description: An ISO 3166-1 alpha-2 country code.
    example: GB
  DecimalAmount:
    kind: string
    format: decimal
    max_decimals: 4
    description: An amount of money written as a decimal string.
    example: "10.50"
  Iban:
    kind: string
    pattern: '[A-Z]{2}[0-9]{2}[A-Za-z0-9]{1,30}'
    max_length: 34
    description: An International Bank Account Number without spaces.
    example: GB29NWBK60161331926819
  PageLimit:
    kind: integer
    width: 32
    min: 1
    max: 500
    description: Items per page.
    example: 50
  PurposeCode:
    kind: enum
    description: Why money is sent, as reported to the regulator.
    default: other
    values:
      salary: Salary or wages.
      supplier: Payment to a supplier.
      refund: Refund of an earlier payment.
      other: Any other purpose.
  Amount:
    kind: object
    description: A monetary amount in a currency.
    fields:
      value:
        type: DecimalAmount
        required: true
        description: The amount, up to 4 decimal places.
        example: "10.50"
      currency:
        type: CurrencyCode
        required: true
        description: The currency.
        example: EUR
"#,
    );
}

fn resource_types(out: &mut String, r: &Resource, other: &str) {
    let ty = &r.ty;
    let human = r.human;
    let (noun, n) = r.snake.rsplit_once('_').unwrap_or((r.snake.as_str(), ""));
    let prefix = format!("{}{n}", &noun[..3]);
    let _ = write!(
        out,
        r#"  {ty}Id:
    kind: id
    uid_prefix: {prefix}_
    max_length: 64
    description: The ID of a {human}.
    example: {prefix}_8Hx2LmQ9vB
  {ty}Reference:
    kind: string
    min_length: 4
    max_length: 35
    pattern: '[A-Za-z0-9-]+'
    description: Your unique reference for a {human}, used to find it again after a timeout.
    example: REF-2026-0001
  {ty}Status:
    kind: enum
    description: Where a {human} is in its life.
    default: {default}
    values:
"#,
        default = STATUSES[r.statuses[0]].0,
    );
    for &s in &r.statuses {
        let _ = writeln!(out, "      {}: {}", STATUSES[s].0, STATUSES[s].1);
    }
    let _ = write!(
        out,
        r#"  {ty}:
    kind: object
    description: A {human} as the API returns it.
    fields:
      id:
        type: {ty}Id
        required: true
        read_only: true
        description: Unique ID, assigned by the API.
      status:
        type: {ty}Status
        required: true
        read_only: true
        description: Current status.
      amount:
        type: Amount
        required: true
        description: The amount and currency.
      reference:
        type: {ty}Reference
        required: true
        description: Your reference.
      createdAt:
        type: date_time
        required: true
        read_only: true
        description: When it was created.
      updatedAt:
        type: date_time
        read_only: true
        description: When it last changed.
"#
    );
    for &e in &r.extras {
        let extra = &EXTRAS[e];
        let _ = writeln!(out, "      {}:\n        type: {}", extra.name, extra.body.replace("{other}", other));
    }
    let _ = write!(
        out,
        r#"  {ty}Page:
    kind: object
    description: One page of {human} results.
    fields:
      items:
        type: array<{ty}>
        required: true
        description: The results, newest first.
      nextOffset:
        type: string
        nullable: true
        description: Pass as `offset` to get the next page; null on the last page.
      total:
        type: integer
        min: 0
        description: Number of results across all pages.
"#
    );
}

fn resource_endpoints(out: &mut String, r: &Resource, other: &str, rng: &mut Rng) {
    let (ty, snake, path, human) = (&r.ty, &r.snake, &r.path, r.human);
    let plural = format!("{}s", snake.rsplit_once('_').map_or(snake.as_str(), |(a, _)| a));
    let n = snake.rsplit_once('_').map_or("", |(_, b)| b);
    let writable: Vec<&Extra> = r.extras.iter().map(|&e| &EXTRAS[e]).filter(|e| e.writable).collect();
    let _ = write!(
        out,
        r#"  list_{plural}_{n}:
    summary: List {human}s
    description: >-
      Returns {human}s, newest first, filtered by status, creation time and reference. Walk the pages with `limit`
      and `offset`.
    method: GET
    path: /{path}
    arguments:
      limit:
        in: query
        type: PageLimit
        required: true
        description: Items per page.
        example: 50
      offset:
        in: query
        type: string
        description: The `nextOffset` of the previous page.
      status:
        in: query
        type: array<{ty}Status>
        encoding: repeated
        description: Only results in one of these statuses.
      createdFrom:
        in: query
        type: date_time
        description: Only results created at or after this instant.
      reference:
        in: query
        type: {ty}Reference
        description: Only the result with this reference.
    response:
      type: {ty}Page
      description: A page of results.
    pagination:
      kind: offset_token
      items: items
      limit: limit
      offset: offset
      next_offset: nextOffset
  get_{snake}:
    summary: Get a {human}
    description: Returns one {human} by its ID.
    method: GET
    path: /{path}/{{id}}
    arguments:
      id:
        in: path
        type: {ty}Id
        required: true
        description: The ID returned when it was created.
    response:
      type: {ty}
      description: The {human}.
    errors:
      NOT_FOUND: No {human} has this ID.
  create_{snake}:
    summary: Create a {human}
    description: >-
      Creates a {human}. Send the same `reference` again after a timeout to get the original back instead of a
      duplicate.
    method: POST
    path: /{path}
    arguments:
      Idempotency-Key:
        in: header
        type: string
        max_length: 64
        description: A unique key that makes retries safe.
      amount:
        in: body
        type: Amount
        required: true
        description: The amount and currency.
      reference:
        in: body
        type: {ty}Reference
        required: true
        description: Your unique reference.
"#
    );
    for extra in &writable {
        let _ = writeln!(
            out,
            "      {}:\n        in: body\n        type: {}",
            extra.name,
            extra.body.replace("{other}", other)
        );
    }
    let _ = write!(
        out,
        r#"    idempotency:
      reference: reference
      repeat: replayed
    response:
      status: 201
      type: {ty}
      description: The new {human}.
    errors:
      CONFLICT: A {human} with this reference already exists with different details.
  update_{snake}:
    summary: Update a {human}
    description: Changes the details of a {human} that has not been processed yet.
    method: PATCH
    path: /{path}/{{id}}
    arguments:
      id:
        in: path
        type: {ty}Id
        required: true
        description: The ID of the {human} to change.
"#
    );
    let updates = rng.range(1, writable.len().max(1));
    for extra in writable.iter().take(updates) {
        let _ = writeln!(
            out,
            "      {}:\n        in: body\n        type: {}",
            extra.name,
            extra.body.replace("{other}", other)
        );
    }
    if writable.is_empty() {
        out.push_str("      amount:\n        in: body\n        type: Amount\n        description: The new amount.\n");
    }
    let _ = write!(
        out,
        r#"    response:
      type: {ty}
      description: The updated {human}.
    errors:
      NOT_FOUND: No {human} has this ID.
      CONFLICT: The {human} is already being processed.
  cancel_{snake}:
    summary: Cancel a {human}
    description: Cancels a {human} that has not been processed yet.
    method: POST
    path: /{path}/{{id}}/cancel
    arguments:
      id:
        in: path
        type: {ty}Id
        required: true
        description: The ID of the {human} to cancel.
      reason:
        in: body
        type: string
        max_length: 255
        description: Why it is canceled, shown in the audit log.
    response:
      type: {ty}
      description: The canceled {human}.
    errors:
      NOT_FOUND: No {human} has this ID.
      CONFLICT: The {human} was already processed.
"#
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn deterministic() {
        assert_eq!(super::spec(100, super::SEED), super::spec(100, super::SEED));
    }
}
