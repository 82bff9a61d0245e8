/** Every place in an area's subtree, whatever the date: the areas whose data a report may count. */
export const SUBTREE = `
  WITH RECURSIVE subtree AS (
    SELECT $1::integer AS id
    UNION
    SELECT ap.area_id FROM subtree JOIN area_parents ap ON ap.parent_id = subtree.id
  )`;
