"""Web inputs: fetch pages politely (httpx, robots.txt, rate limit), read sitemaps, crawl sites, and
extract a page's main content (trafilatura) into audit documents."""
