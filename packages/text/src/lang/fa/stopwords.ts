/** Persian function words (written for Ogoh; Persian ی and ک, as normalisation produces). */
export const FA_STOPWORDS: readonly string[] =
  `و در به از که این را با است برای آن یک تا می هم شد شده بود کرد کرده
خود نیز اند ها های وی او ما من تو شما آنها ایشان هر پس اگر اما یا چه چون باید دارد شود نه بر بی دیگر
همه هیچ چند کدام کجا چرا چگونه وقتی زیرا ولی بلکه حتی فقط هنوز اکنون امروز دیروز فردا همین همان چنین`
    .split(/\s+/)
    .filter(Boolean);
