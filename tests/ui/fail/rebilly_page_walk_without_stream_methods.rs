// Fails: `try_next` is a method of `TryStreamExt`, which is not in scope; rustc's suggestion must name a path the
// application can import without a `futures` dependency of its own (`payout_clients::TryStreamExt`, which
// `rebilly_page_walk_outlives_the_client.rs` imports).

use payout_clients::rebilly::{Client, GetPayoutRequestCollectionRequest};

async fn first_page(client: &Client) {
    let mut pages = client.get_payout_request_collection_pages(GetPayoutRequestCollectionRequest::new());
    let _ = pages.try_next().await;
}

fn main() {
    let _ = first_page;
}
