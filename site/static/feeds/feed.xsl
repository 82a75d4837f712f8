<?xml version="1.0" encoding="UTF-8"?>
<!-- Shows an RSS 2.0 or Atom feed as a readable page when opened in a browser; feed
     readers ignore it. No script: plain XSLT 1.0. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/">
    <xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>
    <html lang="de">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> (Feed)</title>
        <link rel="stylesheet" href="/static/css/chapterhouse.css"/>
      </head>
      <body>
        <main id="main" class="wrap feed-preview">
          <h1><xsl:value-of select="$title"/></h1>
          <p class="muted">Dies ist ein Feed (<span lang="en">RSS/Atom</span>). Kopieren Sie die Adresse
            aus der Adresszeile in Ihren Feedreader, um neue Artikel automatisch zu erhalten. /
            <span lang="en">This is a news feed: paste its address into your feed reader to subscribe.</span></p>
          <p><a>
            <xsl:attribute name="href"><xsl:value-of select="/rss/channel/link | /atom:feed/atom:link[not(@rel) or @rel='alternate']/@href"/></xsl:attribute>
            Zur Website</a></p>
          <xsl:for-each select="/rss/channel/item | /atom:feed/atom:entry">
            <article class="teaser">
              <h2 class="teaser__title"><a>
                <xsl:attribute name="href"><xsl:value-of select="link | atom:link[not(@rel) or @rel='alternate']/@href"/></xsl:attribute>
                <xsl:value-of select="title | atom:title"/></a></h2>
              <p class="teaser__meta"><xsl:value-of select="pubDate | atom:published | atom:updated"/></p>
              <p><xsl:value-of select="description | atom:summary"/></p>
            </article>
          </xsl:for-each>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
