insert into customers
select
    customer_id,
    demo_pick(['Anna', 'Ben', 'Carla', 'David', 'Elena', 'Felix', 'Grace', 'Hugo', 'Ines', 'Jonas',
        'Karin', 'Liam', 'Maria', 'Noah', 'Olga', 'Paul', 'Rosa', 'Samuel', 'Tara', 'Victor',
        'Wei', 'Li Na', 'Jun', 'Mei', 'Ahmed', 'Fatima', 'Omar', 'Sofia', 'Lucas', 'Emma',
        'Mateo', 'Chloe', 'Ivan', 'Nina', 'Raj', 'Priya', 'Kenji', 'Yuki', 'Pedro', 'Lena'], demo_ub(h9))
        || ' ' ||
    demo_pick(['Smith', 'Muller', 'Garcia', 'Rossi', 'Wang', 'Zhang', 'Li', 'Chen', 'Kowalski', 'Novak',
        'Johnson', 'Brown', 'Schmidt', 'Fischer', 'Dubois', 'Martin', 'Lopez', 'Silva', 'Santos', 'Ivanov',
        'Nguyen', 'Kim', 'Park', 'Tanaka', 'Sato', 'Haddad', 'Khan', 'Singh', 'Patel', 'Jensen',
        'Hansen', 'Larsen', 'Berg', 'Costa', 'Moreau', 'Weber', 'Wagner', 'Becker', 'Hoffmann', 'Klein'], demo_uc(h9))
        as name,
    demo_store_id(store_no) as store_id,
    demo_region(store_no) as region,
    demo_date(start_day) as joined_on,
    -- at least 18 when the first vehicle was bought
    demo_date(first_vehicle_day - floor((18.1 + 50 * demo_ua(h10)) * 365.25)) as birth_date,
    not unreachable as phone_valid,
    email_opt_in,
    dnc as do_not_contact
from demo_cust
